package io.evidencesync.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class S3EventsTest {
    private static String event(String key) {
        return "{\"Records\":[{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"eventName\":\"ObjectCreated:Put\","
                + "\"s3\":{\"bucket\":{\"name\":\"evidence\"},\"object\":{\"key\":\"" + key + "\",\"size\":12,"
                + "\"versionId\":\"v1\"}}}]}";
    }

    @Test
    void shouldDecodeKeysPlusAsSpaceAndPercent2BAsPlus() {
        ObjectRef ref = S3Events.parse(event("files/my+file%2B1%3A2.json")).objects().get(0);

        assertThat(ref.key()).isEqualTo("files/my file+1:2.json");
        assertThat(ref.bucket()).isEqualTo("evidence");
        assertThat(ref.versionId()).isEqualTo("v1");
        assertThat(ref.size()).isEqualTo(12);
    }

    @Test
    void shouldRecogniseTheTestEventAndAnSnsEnvelope() {
        assertThat(S3Events.parse("{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Bucket\":\"evidence\"}").testEvent())
                .isTrue();
        String sns = "{\"Type\":\"Notification\",\"Message\":" + com.google.gson.JsonParser.parseString(
                "\"" + event("a.json").replace("\"", "\\\"") + "\"") + "}";
        assertThat(S3Events.parse(sns).objects()).hasSize(1);
    }

    @Test
    void shouldReadEventBridgeObjectCreatedEventsWhoseKeysAreNotEncoded() {
        ObjectRef ref = S3Events.parse("{\"version\":\"0\",\"detail-type\":\"Object Created\",\"source\":\"aws.s3\","
                + "\"detail\":{\"bucket\":{\"name\":\"evidence\"},\"object\":{\"key\":\"a b+c.json\",\"size\":3,"
                + "\"version-id\":\"v9\"}}}").objects().get(0);

        assertThat(ref.key()).isEqualTo("a b+c.json");
        assertThat(ref.versionId()).isEqualTo("v9");
        assertThat(ref.eventName()).startsWith("ObjectCreated");
    }

    @Test
    void shouldKeepTheEventNameSoRemovalsCanBeSkipped() {
        assertThat(S3Events.parse(event("a.json").replace("ObjectCreated:Put", "ObjectRemoved:Delete")).objects().get(0).eventName())
                .isEqualTo("ObjectRemoved:Delete");
    }

    @Test
    void shouldReadTheSequencerOfS3AndEventBridgeEventsAndIgnoreOneThatIsNotHex() {
        String withSequencer = event("a.json").replace("\"versionId\":\"v1\"", "\"versionId\":\"v1\",\"sequencer\":\"0055AED6DCD90281E5\"");
        assertThat(S3Events.parse(withSequencer).objects().get(0).sequencer()).isEqualTo("0055AED6DCD90281E5");
        assertThat(S3Events.parse(event("a.json")).objects().get(0).sequencer()).isNull();
        assertThat(S3Events.parse(withSequencer.replace("0055AED6DCD90281E5", "not hex")).objects().get(0).sequencer()).isNull();
        ObjectRef bridged = S3Events.parse("{\"version\":\"0\",\"detail-type\":\"Object Created\",\"source\":\"aws.s3\","
                + "\"detail\":{\"bucket\":{\"name\":\"evidence\"},\"object\":{\"key\":\"a.json\",\"size\":3,"
                + "\"version-id\":\"v9\",\"sequencer\":\"617F08299329D189\"}}}").objects().get(0);
        assertThat(bridged.sequencer()).isEqualTo("617F08299329D189");
    }

    @Test
    void shouldRejectMalformedEvents() {
        assertThatThrownBy(() -> S3Events.parse("{oops")).isInstanceOf(S3Events.MalformedEventException.class);
        assertThatThrownBy(() -> S3Events.parse("{\"foo\":1}")).hasMessageContaining("Records");
        assertThatThrownBy(() -> S3Events.parse(event("bad%zz"))).hasMessageContaining("URL-encoded");
    }
}
