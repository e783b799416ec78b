package io.evidencesync.core.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

class JsonStringsTest {
    private final JsonStrings strings = new JsonStrings();

    @Test
    void shouldHandOutTheSameStringForAValueThatRecurs() throws IOException {
        List<String> texts = texts("[\"CC7.2\", \"Pass\", \"CC7.2\", \"Pass\", \"CC7.2\"]");

        assertThat(texts).containsExactly("CC7.2", "Pass", "CC7.2", "Pass", "CC7.2");
        assertThat(texts.get(2)).isSameAs(texts.get(0));
        assertThat(texts.get(4)).isSameAs(texts.get(0));
        assertThat(texts.get(3)).isSameAs(texts.get(1));
    }

    @Test
    void shouldReadEveryValueRightWhenManyDistinctValuesShareTheTable() throws IOException {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            expected.add("control-" + i);
            expected.add("control-" + (i / 2)); // half of them recur, after other values may have taken their slot
        }

        assertThat(texts("[\"" + String.join("\", \"", expected) + "\"]")).containsExactlyElementsOf(expected);
    }

    @Test
    void shouldReadLongStringsNumbersAndEscapesAsTheParserDoes() throws IOException {
        String longValue = "x".repeat(200);

        assertThat(texts("[\"" + longValue + "\", 42, true, \"caf\\u00e9 \\\"q\\\"\", \"\"]"))
                .containsExactly(longValue, "42", "true", "café \"q\"", "");
    }

    private List<String> texts(String jsonArray) throws IOException {
        List<String> texts = new ArrayList<>();
        try (JsonParser parser = EvidenceReader.json().createParser(jsonArray)) {
            parser.nextToken();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                texts.add(strings.text(parser));
            }
        }
        return texts;
    }
}
