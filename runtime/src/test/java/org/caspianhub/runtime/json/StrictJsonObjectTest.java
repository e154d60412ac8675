package org.caspianhub.runtime.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The one strict JSON reader behind the API's request readers and the feeds and subscriptions files. */
class StrictJsonObjectTest {

    private enum Colour { RED, GREEN }

    private static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }

    @Test
    void wellTypedFieldsAreReadAndAbsentOnesAreNull() throws Exception {
        StrictJsonObject o = new StrictJsonObject(json("""
                {"name": "  feodo ", "score": 70, "on": true, "every": "5m", "tags": ["a", "b", "a"], "colour": "green"}
                """), "feeds[0]");
        assertThat(o.text("name", true, 10)).isEqualTo("feodo");
        assertThat(o.integer("score", 0, 100)).isEqualTo(70);
        assertThat(o.bool("on", false)).isTrue();
        assertThat(o.duration("every")).isEqualTo(Duration.ofMinutes(5));
        assertThat(o.strings("tags", 10, 10)).containsExactly("a", "b");
        assertThat(o.constant("colour", Colour.class)).isEqualTo(Colour.GREEN);
        assertThat(o.text("missing", false, 10)).isNull();
        assertThat(o.integer("missing", 0, 1)).isNull();
        assertThat(o.bool("missing", true)).isTrue();
        assertThat(o.object("missing", false)).isNull();
        assertThat(o.problems()).isEmpty();
    }

    @Test
    void everyProblemIsKeptWithItsPathCodeAndWordsAndReadingGoesOn() throws Exception {
        List<StrictJsonObject.Problem> seen = new ArrayList<>();
        StrictJsonObject o = new StrictJsonObject(json("""
                {"nmae": "x", "name": 5, "score": 150, "ratio": 1.5, "on": "yes", "every": "soon", "tags": ["ok", ""],
                 "colour": "blue", "nested": [], "blank": " "}
                """), "feeds[0]", seen::add);
        o.onlyKnown(Set.of("name", "score", "ratio", "on", "every", "tags", "colour", "nested", "blank"));
        assertThat(o.text("name", true, 10)).isNull();
        assertThat(o.integer("score", 0, 100)).isNull();
        assertThat(o.integer("ratio", 0, 100)).isNull();
        assertThat(o.bool("on", false)).isFalse();
        assertThat(o.duration("every")).isNull();
        assertThat(o.strings("tags", 10, 10)).containsExactly("ok");
        assertThat(o.constant("colour", Colour.class)).isNull();
        assertThat(o.object("nested", true)).isNull();
        assertThat(o.text("blank", true, 10)).isNull();
        assertThat(o.text("absent", true, 10)).isNull();

        assertThat(o.problems()).isEqualTo(seen);
        assertThat(o.problems()).extracting(StrictJsonObject.Problem::path).containsExactly("feeds[0].nmae", "feeds[0].name",
                "feeds[0].score", "feeds[0].ratio", "feeds[0].on", "feeds[0].every", "feeds[0].tags[1]", "feeds[0].colour",
                "feeds[0].nested", "feeds[0].blank", "feeds[0].absent");
        assertThat(o.problems()).extracting(StrictJsonObject.Problem::code).containsExactly("unknown_field", "not_a_string",
                "out_of_range", "not_an_integer", "not_a_boolean", "invalid_duration", "not_a_string", "invalid_colour",
                "not_an_object", "required", "required");
        assertThat(o.problems()).extracting(StrictJsonObject.Problem::message).containsExactly(
                "nmae is not a known field; known fields: blank, colour, every, name, nested, on, ratio, score, tags",
                "name must be a string, got a number",
                "score must be from 0 to 100, got 150",
                "ratio must be a whole number from 0 to 100, got 1.5",
                "on must be true or false, got \"yes\"",
                "every must be a duration such as 500ms, 30s, 5m, 2h, 7d or PT30S, got 'soon'",
                "tags[1] must be a non-blank string, got a string",
                "colour must be one of [RED, GREEN], got 'blue'",
                "nested must be an object, got an array",
                "blank must not be blank",
                "absent is required");
    }
}
