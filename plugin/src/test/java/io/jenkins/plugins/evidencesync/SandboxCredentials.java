package io.jenkins.plugins.evidencesync;

import com.cloudbees.jenkins.plugins.awscredentials.AWSCredentialsImpl;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import java.io.IOException;

/** Stores the sandbox's key pair as a global "AWS Credentials" entry. */
final class SandboxCredentials {
    static final String ID = "sandbox-aws";

    private SandboxCredentials() {
    }

    static void store(SandboxS3Process s3) throws IOException {
        store(ID, s3.accessKey(), s3.secretKey());
    }

    /** Stores another key pair, such as one whose secret the sandbox rejects. */
    static void store(String id, String accessKey, String secretKey) throws IOException {
        SystemCredentialsProvider provider = SystemCredentialsProvider.getInstance();
        provider.getCredentials().add(new AWSCredentialsImpl(CredentialsScope.GLOBAL, id, accessKey, secretKey,
                "sandbox S3 key pair (" + id + ")"));
        provider.save();
    }
}
