package org.caspianhub.producers.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;

/** How the commands print answers and refusals. */
final class Output {

    private Output() {
    }

    static int refusal(PrintWriter err, GatewayClient.Answer answer) {
        JsonNode body = answer.body();
        err.println("refused (" + answer.status() + "): " + body.path("message").asText(body.path("error").asText("")));
        for (JsonNode e : body.path("errors")) {
            err.println("  " + e.path("field").asText() + ": " + e.path("message").asText() + " [" + e.path("code").asText() + "]");
        }
        err.flush();
        return ExitCodes.forStatus(answer.status());
    }

    static void json(PrintWriter out, GatewayClient.Answer answer) {
        out.println(answer.body().toPrettyString());
        out.flush();
    }

    static int unreachable(PrintWriter err, GatewayClient.Unreachable e) {
        err.println("caspian: " + e.getMessage());
        err.flush();
        return ExitCodes.UNAVAILABLE;
    }

    /** Prints a batch answer's per-item results; returns OK, PARTIAL or the refusal's code. */
    static int batch(PrintWriter out, PrintWriter err, GatewayClient.Answer answer, String what) {
        if (answer.status() != 202) {
            return refusal(err, answer);
        }
        JsonNode body = answer.body();
        for (JsonNode r : body.path("results")) {
            if ("accepted".equals(r.path("status").asText())) {
                out.println(what + " accepted: " + r.path("id").asText());
                r.path("warnings").forEach(w -> out.println("  note: " + w.asText()));
            } else {
                err.println(what + " " + r.path("index").asInt() + " refused:");
                r.path("errors").forEach(e -> err.println("  " + e.path("field").asText() + ": " + e.path("message").asText()));
            }
        }
        out.flush();
        err.flush();
        return body.path("refused").asInt() > 0 ? ExitCodes.PARTIAL : ExitCodes.OK;
    }
}
