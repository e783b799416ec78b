package io.jenkins.plugins.evidencesync;

/**
 * How a tolerated failure (failure policy UNSTABLE) marks the build: freestyle sets the build result; Pipeline also
 * marks the step's stage, so Blue Ocean and the stage view show where it happened.
 */
@FunctionalInterface
interface ResultHandler {
    void setUnstable(String message) throws java.io.IOException, InterruptedException;
}
