package io.evidencesync.core.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SequencersTest {
    @Test
    void shouldOrderSequencersOfEqualLengthAsHexText() {
        assertThat(Sequencers.compare("0055AED6DCD90281E5", "0055AED6DCD90281E6")).isNegative();
        assertThat(Sequencers.compare("0055AED6DCD90281E6", "0055AED6DCD90281E5")).isPositive();
        assertThat(Sequencers.compare("0055AED6DCD90281E5", "0055aed6dcd90281e5")).isZero();
    }

    @Test
    void shouldPadTheShorterSequencerWithZerosOnTheLeftBeforeComparing() {
        // as plain text "9" > "10"; as padded sequencers "09" < "10"
        assertThat(Sequencers.compare("9", "10")).isNegative();
        assertThat(Sequencers.compare("55AED6DCD90281E5", "0055AED6DCD90281E5")).isZero();
        assertThat(Sequencers.compare("0155AED6DCD90281E5", "55AED6DCD90281E5")).isPositive();
    }

    @Test
    void shouldAcceptOnlyNonEmptyHexadecimalText() {
        assertThat(Sequencers.isValid("0055AED6DCD90281E5")).isTrue();
        assertThat(Sequencers.isValid("")).isFalse();
        assertThat(Sequencers.isValid(null)).isFalse();
        assertThat(Sequencers.isValid("not-hex")).isFalse();
    }
}
