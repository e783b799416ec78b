package io.evidencesync.core.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class BufferStreamTest {
    @Test
    void shouldStreamTheBytesFromPositionToLimitWithoutMovingTheBuffer() throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap("..evidence..".getBytes(StandardCharsets.US_ASCII), 2, 8);

        try (InputStream first = new BufferStream(buffer); InputStream again = new BufferStream(buffer)) {
            assertThat(first.readAllBytes()).asString(StandardCharsets.US_ASCII).isEqualTo("evidence");
            assertThat(first.read()).isEqualTo(-1);
            assertThat(again.read()).isEqualTo('e');
        }
        assertThat(buffer.position()).isEqualTo(2);
    }
}
