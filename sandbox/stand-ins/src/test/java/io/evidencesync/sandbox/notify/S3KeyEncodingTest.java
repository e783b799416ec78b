package io.evidencesync.sandbox.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class S3KeyEncodingTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            // AWS docs, "Event message structure": "red flower.jpg" becomes "red+flower.jpg"
            "red flower.jpg | red+flower.jpg",
            // reported from a real S3 notification (aws/aws-sdk-net#640)
            "this im + age blah.txt | this+im+%2B+age+blah.txt",
            // '=' as in Hive-style partitions (aws/aws-sam-cli#379)
            "something/dt=2018-05-04/_SUCCESS | something/dt%3D2018-05-04/_SUCCESS",
            "evidence/my file:1+2.json | evidence/my+file%3A1%2B2.json",
            "HappyFace.jpg | HappyFace.jpg",
            "evidence/r\u00e9sum\u00e9 (1).pdf | evidence/r%C3%A9sum%C3%A9+%281%29.pdf",
            "a//b/ | a//b/",
            "keep-these_.*chars | keep-these_.*chars"
    })
    void shouldEncodeKeysAsS3DoesInEventNotifications(String key, String encoded) {
        assertThat(S3KeyEncoding.encode(key)).isEqualTo(encoded);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"evidence/my file:1+2.json", "x/%41 & ? # \u00fc/y", "a+b=c"})
    void shouldRoundTripThroughUrlDecoderAsTheLambdaEventsLibraryDecodes(String key) {
        assertThat(URLDecoder.decode(S3KeyEncoding.encode(key), StandardCharsets.UTF_8)).isEqualTo(key);
    }
}
