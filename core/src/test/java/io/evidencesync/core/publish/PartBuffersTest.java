package io.evidencesync.core.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class PartBuffersTest {
    private final PartBuffers buffers = new PartBuffers(8, 2);

    @Test
    void shouldLendAFullSizeBufferAgainOnceItsPartIsDone() throws IOException {
        ByteBuffer first = buffers.lend(8, bytes -> bytes);
        ByteBuffer again = buffers.lend(8, bytes -> bytes);

        assertThat(again).isSameAs(first);
    }

    @Test
    void shouldLendAKeptBufferReadyToFillWhateverItsLastPartLeft() throws IOException {
        buffers.lend(8, bytes -> bytes.put(new byte[5]).flip());

        ByteBuffer again = buffers.lend(8, bytes -> bytes);

        assertThat(again.position()).isZero();
        assertThat(again.limit()).isEqualTo(8);
        assertThat(again.isDirect()).isTrue();
    }

    @Test
    void shouldNotLendABufferToAnotherPartWhileItIsLent() throws IOException {
        buffers.lend(8, bytes -> bytes); // one buffer kept

        buffers.lend(8, outer -> {
            ByteBuffer inner = buffers.lend(8, bytes -> bytes);
            assertThat(inner).isNotSameAs(outer);
            assertThat(inner.capacity()).isEqualTo(8);
            return null;
        });
    }

    @Test
    void shouldTakeTheBufferBackWhenThePartFails() throws IOException {
        ByteBuffer[] lent = new ByteBuffer[1];

        assertThatThrownBy(() -> buffers.lend(8, bytes -> {
            lent[0] = bytes;
            throw new IOException("S3 refused the part");
        })).hasMessage("S3 refused the part");

        ByteBuffer again = buffers.lend(8, bytes -> bytes);
        assertThat(again).isSameAs(lent[0]);
    }

    @Test
    void shouldGiveAShortLastPartABufferOfItsOwnLength() throws IOException {
        buffers.lend(8, bytes -> bytes);

        ByteBuffer last = buffers.lend(3, bytes -> bytes);

        assertThat(last.capacity()).isEqualTo(3);
        ByteBuffer another = buffers.lend(3, bytes -> bytes);
        assertThat(another).isNotSameAs(last);
        assertThat(another.capacity()).isEqualTo(3);
    }

    @Test
    void shouldKeepNoMoreBuffersThanPartsGoUpAtOnce() throws IOException {
        List<ByteBuffer> lent = new ArrayList<>();
        buffers.lend(8, a -> buffers.lend(8, b -> buffers.lend(8, c -> {
            lent.add(a);
            lent.add(b);
            lent.add(c);
            return null;
        })));

        List<ByteBuffer> again = new ArrayList<>();
        buffers.lend(8, x -> buffers.lend(8, y -> buffers.lend(8, z -> {
            again.add(x);
            again.add(y);
            again.add(z);
            return null;
        })));

        long reused = again.stream().filter(array -> lent.stream().anyMatch(kept -> kept == array)).count();
        assertThat(reused).isEqualTo(2);
    }
}
