package io.evidencesync.core.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class PartBuffersTest {
    private final PartBuffers buffers = new PartBuffers(8, 2);

    @Test
    void shouldHandOutAFullSizeArrayAgainOnceItsPartIsSent() {
        byte[] first = buffers.take(8);
        buffers.give(first);

        assertThat(buffers.take(8)).isSameAs(first);
        assertThat(buffers.take(8)).isNotSameAs(first).hasSize(8);
    }

    @Test
    void shouldGiveAShortLastPartAnArrayOfItsOwnLength() {
        buffers.give(buffers.take(8));

        byte[] last = buffers.take(3);
        buffers.give(last);

        assertThat(last).hasSize(3);
        assertThat(buffers.take(3)).isNotSameAs(last).hasSize(3);
    }

    @Test
    void shouldKeepNoMoreArraysThanPartsGoUpAtOnce() {
        byte[] a = buffers.take(8);
        byte[] b = buffers.take(8);
        byte[] c = buffers.take(8);
        buffers.give(a);
        buffers.give(b);
        buffers.give(c);

        byte[] x = buffers.take(8);
        byte[] y = buffers.take(8);
        byte[] z = buffers.take(8);

        assertThat(List.of(x, y)).allMatch(kept -> kept == a || kept == b);
        assertThat(x).isNotSameAs(y);
        assertThat(z).isNotSameAs(a).isNotSameAs(b).isNotSameAs(c);
    }
}
