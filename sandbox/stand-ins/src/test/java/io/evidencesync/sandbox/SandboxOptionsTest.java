package io.evidencesync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class SandboxOptionsTest {

    @Test
    void shouldDefaultEveryPortToZero() {
        assertThat(SandboxOptions.parse()).isEqualTo(new SandboxOptions(0, 0, 0));
    }

    @Test
    void shouldAcceptBothSpaceAndEqualsForms() {
        assertThat(SandboxOptions.parse("--s3-port", "9000", "--hyperproof-port=9001", "--ssm-port", "9002"))
                .isEqualTo(new SandboxOptions(9000, 9001, 9002));
    }

    @Test
    void shouldNameTheOffendingArgument() {
        assertThatThrownBy(() -> SandboxOptions.parse("--s3-port", "abc")).hasMessageContaining("--s3-port").hasMessageContaining("abc");
        assertThatThrownBy(() -> SandboxOptions.parse("--ssm-port")).hasMessageContaining("--ssm-port needs a value");
        assertThatThrownBy(() -> SandboxOptions.parse("--port=1")).hasMessageContaining("unknown option --port");
        assertThatThrownBy(() -> SandboxOptions.parse("--hyperproof-port=70000")).hasMessageContaining("0..65535");
    }

    @Test
    void shouldExitWithTwoAndUsageForBadArgumentsWithoutStartingAnything() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = SandboxMain.run(new String[] {"--bogus", "1"}, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option --bogus", SandboxOptions.USAGE);
    }
}
