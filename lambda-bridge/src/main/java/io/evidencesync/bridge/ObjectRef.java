package io.evidencesync.bridge;

/**
 * One object named by an S3 event record, key already URL-decoded.
 *
 * @param bucket    the bucket
 * @param key       the decoded key ({@code +} was a space, {@code %2B} a plus)
 * @param versionId the version, or null on an unversioned bucket
 * @param size      bytes, or -1 when the event did not say
 * @param eventName e.g. {@code ObjectCreated:Put}
 * @param sequencer the event's {@code s3.object.sequencer} (orders the events of one key), or null when it has none
 */
record ObjectRef(String bucket, String key, String versionId, long size, String eventName, String sequencer) {
    String uri() {
        return "s3://" + bucket + "/" + key;
    }
}
