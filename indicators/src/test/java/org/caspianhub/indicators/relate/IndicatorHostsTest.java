package org.caspianhub.indicators.relate;

import static org.assertj.core.api.Assertions.assertThat;

import org.caspianhub.avro.IndicatorType;
import org.caspianhub.indicators.normalize.IndicatorNormalizer;
import org.caspianhub.indicators.normalize.Normalized;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IndicatorHostsTest {

    private static final IndicatorNormalizer NORMALIZER = new IndicatorNormalizer();

    private static Normalized.Valid valid(String raw) {
        return (Normalized.Valid) NORMALIZER.normalize(raw, null);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            hxxps://Login.Evil[.]example/a/b?c=d     | domain:login.evil.example
            http://user:pw@evil.example:8080/x       | domain:evil.example
            http://paypal.com@evil.example/          | domain:evil.example
            http://203.0.113.7/payload.exe           | ipv4:203.0.113.7
            http://0x7f.1/                           | ipv4:127.0.0.1
            http://[2001:DB8::1]:8443/               | ipv6:2001:db8::1
            ftp://files.evil.example/pub             | domain:files.evil.example
            http://Bücher.example/                   | domain:xn--bcher-kva.example
            Phisher@Mail.Evil.Example                | domain:mail.evil.example
            """)
    void theHostOfAUrlOrAnEmailIsAnIndicatorOfItsOwn(String raw, String hostKey) {
        Normalized.Valid host = IndicatorHosts.hostOf(valid(raw)).orElseThrow();
        assertThat(host.key()).isEqualTo(hostKey);
        // the host is itself canonical: normalizing it again gives the same indicator
        assertThat(NORMALIZER.normalize(host.value(), host.type())).isEqualTo(host);
    }

    @Test
    void otherTypesHaveNoHost() {
        assertThat(IndicatorHosts.hostOf(valid("evil.example"))).isEmpty();
        assertThat(IndicatorHosts.hostOf(valid("203.0.113.7"))).isEmpty();
        assertThat(IndicatorHosts.hostOf(valid("d41d8cd98f00b204e9800998ecf8427e"))).isEmpty();
    }

    @Test
    void aSiteRootIsAUrlWithNothingButSchemeAndHost() {
        assertThat(IndicatorHosts.isSiteRoot(valid("https://www.google.com"))).isTrue();
        assertThat(IndicatorHosts.isSiteRoot(valid("http://[2001:db8::1]/"))).isTrue();
        assertThat(IndicatorHosts.isSiteRoot(valid("https://www.google.com/a"))).isFalse();
        assertThat(IndicatorHosts.isSiteRoot(valid("https://www.google.com/?q=1"))).isFalse();
        assertThat(IndicatorHosts.isSiteRoot(valid("https://www.google.com:8443/"))).isFalse();
        assertThat(IndicatorHosts.isSiteRoot(valid("https://me@www.google.com/"))).isFalse();
        assertThat(IndicatorHosts.isSiteRoot(valid("evil.example"))).isFalse();
        assertThat(IndicatorHosts.isSiteRoot(Normalized.Valid.of(IndicatorType.URL, "http://[2001:db8::1]:81/"))).isFalse();
    }
}
