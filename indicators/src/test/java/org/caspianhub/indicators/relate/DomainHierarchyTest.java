package org.caspianhub.indicators.relate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DomainHierarchyTest {

    @ParameterizedTest(name = "{0} -> [{1}]")
    @CsvSource(delimiter = '|', textBlock = """
            a.b.evil.example        | b.evil.example,evil.example
            login.evil.example      | evil.example
            evil.example            |
            c2.test                 |
            x.y.c2.test             | y.c2.test,c2.test
            www.google.co.uk        | google.co.uk
            a.b.google.co.uk        | b.google.co.uk,google.co.uk
            google.co.uk            |
            mail.xn--e1afmkfd.xn--p1ai | xn--e1afmkfd.xn--p1ai
            evil.foo.github.io      | foo.github.io
            foo.github.io           |
            github.io               |
            co.uk                   |
            """)
    void parentsRunUpToTheRegistrableDomain(String domain, String parents) {
        List<String> expected = parents == null ? List.of() : Arrays.asList(parents.split(","));
        assertThat(DomainHierarchy.parentDomains(domain)).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            a.b.evil.example        | evil.example
            www.google.co.uk        | google.co.uk
            google.com              | google.com
            evil.foo.github.io      | foo.github.io
            github.io               |
            com                     |
            evil.lan                |
            """)
    void theRegistrableDomainIsThePublicSuffixPlusOneLabel(String domain, String registrable) {
        assertThat(DomainHierarchy.registrableDomain(domain).orElse(null)).isEqualTo(registrable);
    }
}
