package org.caspianhub.indicators.normalize;

import static org.caspianhub.indicators.normalize.NormalizerAssertions.assertCanonical;
import static org.caspianhub.indicators.normalize.NormalizerAssertions.assertError;

import org.caspianhub.avro.IndicatorType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmailNormalizationTest {

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            John.Doe@Evil.Example             |       | john.doe@evil.example
            user[at]evil[.]example            |       | user@evil.example
            user(at)evil(.)example            |       | user@evil.example
            user[@]evil.example               |       | user@evil.example
            user [at] evil [dot] example      |       | user@evil.example
            mailto:User@evil.example          |       | user@evil.example
            user+tag@evil.example             |       | user+tag@evil.example
            first.last@mail.evil.example      | EMAIL | first.last@mail.evil.example
            o'brien@evil.example              |       | o'brien@evil.example
            jöhn@bücher.example               |       | jöhn@xn--bcher-kva.example
            postmaster@evil.example.          |       | postmaster@evil.example
            """)
    void canonicalEmails(String raw, IndicatorType declared, String canonical) {
        assertCanonical(raw, declared, IndicatorType.EMAIL, canonical);
    }

    @ParameterizedTest(name = "{0}: {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            user@evil.lan               |       | value | no_public_suffix | the email domain: 'evil.lan' does not end in a public suffix
            user@localhost              |       | value | no_public_suffix | the email domain: 'localhost' is a single label
            user@@evil.example          |       | value | invalid_email    | has more than one '@'
            @evil.example               |       | value | invalid_email    | has nothing before the '@'
            user@                       |       | value | invalid_email    | has nothing after the '@'
            .user@evil.example          |       | value | invalid_email    | has a dot at the start or end of the part before the '@'
            us..er@evil.example         |       | value | invalid_email    | has two dots in a row before the '@'
            us er@evil.example          |       | value | invalid_email    | contains U+0020, which is not allowed before the '@'
            us(er@evil.example          |       | value | invalid_email    | contains '(' (U+0028)
            user@[192.0.2.1]            |       | value | invalid_email    | has an address literal as its domain
            evil.example                | EMAIL | type  | type_mismatch    | declared email but 'evil.example' is a domain
            """)
    void emailErrors(String raw, IndicatorType declared, String field, String code, String messagePart) {
        assertError(raw, declared, field, code, messagePart);
    }

    @Test
    void aQuotedLocalPartIsRefused() {
        assertError("\"john doe\"@evil.example", null, "value", "invalid_email", "has a quoted local part");
    }

    @Test
    void theLocalPartIsAtMost64Characters() {
        assertCanonical("a".repeat(64) + "@evil.example", null, IndicatorType.EMAIL, "a".repeat(64) + "@evil.example");
        assertError("a".repeat(65) + "@evil.example", null, "value", "too_long",
                "the part before the '@' is 65 characters long; the limit is 64 (RFC 5321)");
    }
}
