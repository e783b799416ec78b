/**
 * Evidence Sync core: the evidence contract (build provenance, S3 key layout, object metadata, run manifest),
 * evidence discovery and reading, and publishing to S3. Imports nothing from Jenkins, GitHub Actions, AWS Lambda
 * or a CLI library (guarded by {@code LayeringTest}).
 */
package io.evidencesync.core;
