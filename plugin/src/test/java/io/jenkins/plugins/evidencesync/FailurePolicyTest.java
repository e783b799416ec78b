package io.jenkins.plugins.evidencesync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import org.junit.jupiter.api.Test;

class FailurePolicyTest {
    @Test
    void shouldDefaultToFail() throws AbortException {
        assertThat(FailurePolicy.parse(null)).isEqualTo(FailurePolicy.FAIL);
        assertThat(FailurePolicy.parse("  ")).isEqualTo(FailurePolicy.FAIL);
    }

    @Test
    void shouldParseCaseInsensitively() throws AbortException {
        assertThat(FailurePolicy.parse("unstable")).isEqualTo(FailurePolicy.UNSTABLE);
        assertThat(FailurePolicy.parse(" Ignore ")).isEqualTo(FailurePolicy.IGNORE);
    }

    @Test
    void shouldNameTheOptionAndTheValueWhenUnknown() {
        assertThatThrownBy(() -> FailurePolicy.parse("sometimes"))
                .isInstanceOf(AbortException.class)
                .hasMessage("failurePolicy: \"sometimes\" is not one of fail, unstable, ignore");
    }
}
