package io.evidencesync.core.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;

/** Where the function's S3 requests go, and how keys are written into the path. */
class S3AddressingTest {
    @Test
    void shouldUseTheVirtualHostedRegionalEndpointByDefault() {
        assertThat(new S3Addressing("eu-west-1", null, false).target("evidence-bucket", "a/b.json"))
                .isEqualTo(new S3Addressing.Target("https", "evidence-bucket.s3.eu-west-1.amazonaws.com", -1, "/a/b.json"));
    }

    @Test
    void shouldUseTheChinaPartitionsDomainInChinaRegions() {
        assertThat(new S3Addressing("cn-north-1", null, false).target("evidence-bucket", "k").host())
                .isEqualTo("evidence-bucket.s3.cn-north-1.amazonaws.com.cn");
    }

    @Test
    void shouldFallBackToPathStyleForBucketNamesWithDots() {
        assertThat(new S3Addressing("us-east-2", null, false).target("evidence.example.com", "k.json"))
                .isEqualTo(new S3Addressing.Target("https", "s3.us-east-2.amazonaws.com", -1, "/evidence.example.com/k.json"));
    }

    @Test
    void shouldPutTheBucketInThePathOfAConfiguredEndpoint() {
        assertThat(new S3Addressing("us-east-1", URI.create("http://127.0.0.1:9000/"), true).target("b-1", "x/y.json"))
                .isEqualTo(new S3Addressing.Target("http", "127.0.0.1", 9000, "/b-1/x/y.json"));
        assertThat(new S3Addressing("us-east-1", URI.create("https://store.example/s3"), true).target("b-1", "k"))
                .isEqualTo(new S3Addressing.Target("https", "store.example", -1, "/s3/b-1/k"));
        assertThat(new S3Addressing("us-east-1", URI.create("https://store.example"), false).target("b-1", "k"))
                .isEqualTo(new S3Addressing.Target("https", "b-1.store.example", -1, "/k"));
    }

    @Test
    void shouldPercentEncodeEachSegmentOnceKeepingSlashes() {
        assertThat(S3Addressing.encodeKey("a b/c+d=e&f.json")).isEqualTo("a%20b/c%2Bd%3De%26f.json");
        assertThat(S3Addressing.encodeKey("100%/x%2Fy")).isEqualTo("100%25/x%252Fy");
        assertThat(S3Addressing.encodeKey("Grüße/日本")).isEqualTo("Gr%C3%BC%C3%9Fe/%E6%97%A5%E6%9C%AC");
        assertThat(S3Addressing.encodeKey("~keep-_.these/")).isEqualTo("~keep-_.these/");
        assertThat(S3Addressing.encodeKey("//x")).isEqualTo("//x");
    }
}
