package io.evidencesync.core.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class PartBuffersTest {
    private final PartBuffers buffers = new PartBuffers(8, 2);

    @Test
    void shouldLendAFullSizeArrayAgainOnceItsPartIsDone() throws IOException {
        byte[] first = buffers.lend(8, bytes -> bytes);
        byte[] again = buffers.lend(8, bytes -> bytes);

        assertThat(again).isSameAs(first);
    }

    @Test
    void shouldNotLendAnArrayToAnotherPartWhileItIsLent() throws IOException {
        buffers.lend(8, bytes -> bytes); // one array kept

        buffers.lend(8, outer -> {
            byte[] inner = buffers.lend(8, bytes -> bytes);
            assertThat(inner).isNotSameAs(outer).hasSize(8);
            return null;
        });
    }

    @Test
    void shouldTakeTheArrayBackWhenThePartFails() throws IOException {
        byte[][] lent = new byte[1][];

        assertThatThrownBy(() -> buffers.lend(8, bytes -> {
            lent[0] = bytes;
            throw new IOException("S3 refused the part");
        })).hasMessage("S3 refused the part");

        byte[] again = buffers.lend(8, bytes -> bytes);
        assertThat(again).isSameAs(lent[0]);
    }

    @Test
    void shouldGiveAShortLastPartAnArrayOfItsOwnLength() throws IOException {
        buffers.lend(8, bytes -> bytes);

        byte[] last = buffers.lend(3, bytes -> bytes);

        assertThat(last).hasSize(3);
        byte[] another = buffers.lend(3, bytes -> bytes);
        assertThat(another).isNotSameAs(last).hasSize(3);
    }

    @Test
    void shouldKeepNoMoreArraysThanPartsGoUpAtOnce() throws IOException {
        List<byte[]> lent = new ArrayList<>();
        buffers.lend(8, a -> buffers.lend(8, b -> buffers.lend(8, c -> {
            lent.add(a);
            lent.add(b);
            lent.add(c);
            return null;
        })));

        List<byte[]> again = new ArrayList<>();
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
