package io.jenkins.plugins.evidencesync;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Turns long-lived IAM user keys into session credentials on the controller, so that only credentials that expire
 * soon travel to an agent. A seam: the tests replace it, production uses {@link #sts()}.
 */
@FunctionalInterface
interface SessionTokenExchange {
    /** STS allows 900 seconds at least; an upload that needs longer should use a role with a longer session. */
    int DURATION_SECONDS = 900;

    /**
     * @param keys   the IAM user's keys
     * @param region the region whose STS endpoint to call, or null for us-east-1
     * @return session credentials valid for {@link #DURATION_SECONDS}
     */
    AwsSessionCredentials exchange(AwsBasicCredentials keys, @CheckForNull String region);

    /** STS {@code GetSessionToken} (needs no IAM permission of its own). */
    static SessionTokenExchange sts() {
        return (keys, region) -> {
            try (SdkHttpClient http = ApacheHttpClient.builder().build();
                 StsClient sts = StsClient.builder()
                         .httpClient(http)
                         .region(region == null ? Region.US_EAST_1 : Region.of(region))
                         .credentialsProvider(StaticCredentialsProvider.create(keys))
                         .build()) {
                Credentials session = sts.getSessionToken(request -> request.durationSeconds(DURATION_SECONDS))
                        .credentials();
                return AwsSessionCredentials.create(session.accessKeyId(), session.secretAccessKey(),
                        session.sessionToken());
            }
        };
    }
}
