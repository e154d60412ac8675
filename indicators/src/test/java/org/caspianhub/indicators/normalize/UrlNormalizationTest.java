package org.caspianhub.indicators.normalize;

import static org.caspianhub.indicators.normalize.NormalizerAssertions.assertCanonical;
import static org.caspianhub.indicators.normalize.NormalizerAssertions.assertError;

import org.caspianhub.avro.IndicatorType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlNormalizationTest {

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            hxxp://evil[.]example                                | | http://evil.example/
            hXXps://Evil.Example:443/a/./b/../c?x=1&y=2#frag     | | https://evil.example/a/c?x=1&y=2
            hxxp[:]//evil[.]example/x                            | | http://evil.example/x
            hxxps[://]evil[.]example/x                           | | https://evil.example/x
            HTTP://EVIL.EXAMPLE:80/                              | | http://evil.example/
            http://evil.example:8080                             | | http://evil.example:8080/
            https://evil.example:80/                             | | https://evil.example:80/
            http://evil.example:/                                | | http://evil.example/
            http://evil.example:0080/                            | | http://evil.example/
            ftp://evil.example:21/pub/file.exe                   | | ftp://evil.example/pub/file.exe
            http://evil.example/%7euser/%2fa%2Fb                 | | http://evil.example/~user/%2Fa%2Fb
            http://evil.example/%41%42%43                        | | http://evil.example/ABC
            http://evil.example/a b                              | | http://evil.example/a%20b
            http://evil.example/ü                                | | http://evil.example/%C3%BC
            http://evil.example/100%                             | | http://evil.example/100%25
            http://evil.example/%zz                              | | http://evil.example/%25zz
            "http://evil.example/<script>|x"                     | | http://evil.example/%3Cscript%3E%7Cx
            http://evil.example/?b=2&a=1                         | | http://evil.example/?b=2&a=1
            http://evil.example/a?q=a+b%20c&q=%2f                | | http://evil.example/a?q=a+b%20c&q=%2F
            http://evil.example/a?next=/b?c                      | | http://evil.example/a?next=/b?c
            https://evil.example?                                | | https://evil.example/?
            http://evil.example/%2e%2e/x                         | | http://evil.example/x
            http://evil.example/a/b/..                           | | http://evil.example/a/
            http://evil.example/a/b/.                            | | http://evil.example/a/b/
            http://evil.example/../../x                          | | http://evil.example/x
            http://evil.example/a//b                             | | http://evil.example/a//b
            http://evil.example/a.b/.hidden/..c                  | | http://evil.example/a.b/.hidden/..c
            http://evil.example\\path\\to                        | | http://evil.example/path/to
            http://[2001:DB8::1]:8080/x                          | | http://[2001:db8::1]:8080/x
            http://[2001:db8::1]:80/                             | | http://[2001:db8::1]/
            http://203.0.113.7/login                             | | http://203.0.113.7/login
            http://0x7f.1/                                       | | http://127.0.0.1/
            http://0300.0250.1.1/                                | | http://192.168.1.1/
            http://3232235777/                                   | | http://192.168.1.1/
            http://Bücher.example/Straße                         | | http://xn--bcher-kva.example/Stra%C3%9Fe
            http://%65vil.example/                               | | http://evil.example/
            http://user:pa%73s@evil.example/                     | | http://user:pass@evil.example/
            http://paypal.com@evil.example/                      | | http://paypal.com@evil.example/
            http://@evil.example/                                | | http://evil.example/
            https://evil.example./login                          | | https://evil.example/login
            https://login.evil.example/a                         | URL | https://login.evil.example/a
            """)
    void canonicalUrls(String raw, IndicatorType declared, String canonical) {
        assertCanonical(raw, declared, IndicatorType.URL, canonical);
    }

    @ParameterizedTest(name = "{0} as {1}: {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            evil.example/login.php        |     | value | url_missing_scheme | 'evil.example/login.php' has no scheme; write http://, https:// or ftp:// in front
            evil.example/login.php        | URL | value | url_missing_scheme | the hub does not guess one
            evil.example:8080             |     | value | url_missing_scheme | is a host and port without a scheme
            javascript:alert(1)           |     | value | unsupported_scheme | the scheme 'javascript' is not supported; the hub accepts http, https and ftp urls
            ssh://evil.example/           |     | value | unsupported_scheme | the scheme 'ssh' is not supported
            file:///etc/passwd            | URL | value | unsupported_scheme | the scheme 'file'
            http:/evil.example            |     | value | invalid_url        | after 'http:' a url needs '//' and a host
            http://                       |     | value | invalid_url        | has no host
            http:///path                  | URL | value | invalid_url        | has no host
            http://evil.example:99999/    |     | value | invalid_url        | the port '99999' of 'http://evil.example:99999/' is not a number from 1 to 65535
            http://evil.example:0/        |     | value | invalid_url        | is not a number from 1 to 65535
            http://evil.example:http/     |     | value | invalid_url        | the port 'http'
            http://2001:db8::1/           |     | value | invalid_url        | an ipv6 host is written in brackets
            http://[2001:db8::1/          |     | value | invalid_url        | has no closing ']'
            http://[2001:db8::g]/         |     | value | invalid_ipv6       | the url host: '2001:db8::g' is not a valid ipv6 address
            http://evil.lan/x             |     | value | no_public_suffix   | the url host: 'evil.lan' does not end in a public suffix
            http://intranet/x             |     | value | no_public_suffix   | the url host: 'intranet' is a single label
            http://evil..example/         |     | value | invalid_domain     | the url host: 'evil..example' has an empty label
            http://1.2.3.999/             |     | value | invalid_url        | the host '1.2.3.999' ends in a number but is not an ipv4 address
            http://%zz.example/           |     | value | invalid_url        | has broken percent-encoding
            """)
    void urlErrors(String raw, IndicatorType declared, String field, String code, String messagePart) {
        assertError(raw, declared, field, code, messagePart);
    }

    @Test
    void aVeryLongUrlIsRefusedWithTheLimit() {
        String url = "http://evil.example/" + "%".repeat(2000); // each stray % becomes %25
        assertError(url, null, "value", "too_long", "characters long once normalized; the limit is 4096");
    }
}
