package org.caspianhub.producers.imports;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.caspianhub.indicators.normalize.FieldError;

/**
 * What an import did: how many values it submitted, refused and skipped, the first refusals and
 * skips with their reasons (a bounded list: a million bad lines must not make a million-line
 * answer), and, when the broker failed part-way, the error; chunks written before it stay written.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportReport(String format, long submitted, long refused, long skipped, List<Problem> refusals,
                           List<Skip> skips, boolean detailsTruncated, String error) {

    /** Something refused at one place of the file, with every reason. */
    public record Problem(String location, List<FieldError> reasons) {
    }

    /** Something deliberately left out, and why. */
    public record Skip(String location, String reason) {
    }

    public boolean failed() {
        return error != null;
    }
}
