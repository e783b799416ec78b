package io.evidencesync.core.receipt;

/**
 * The build an object came from, as its contract metadata says.
 *
 * @param runUrl       the run's page
 * @param manifestKey  the run manifest's key (null for the manifest itself)
 * @param ciSystem     the CI system
 * @param pipelineName the pipeline
 * @param runId        the run
 * @param runAttempt   the attempt
 * @param revision     the commit, or null
 */
public record BuildLink(String runUrl, String manifestKey, String ciSystem, String pipelineName, String runId,
                        int runAttempt, String revision) {
}
