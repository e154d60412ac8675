package org.caspianhub.producers.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code caspian revoke VALUE} or {@code caspian revoke --submission-id ID}: withdraw your party's contribution. */
@Command(name = "revoke", mixinStandardHelpOptions = true, description = "Withdraw an indicator your party submitted.")
final class RevokeCommand implements Callable<Integer> {

    @ParentCommand
    CaspianCli parent;

    @Spec
    CommandSpec spec;

    @Mixin
    GatewayOptions gateway;

    static final class Target {
        @Parameters(paramLabel = "VALUE", description = "the value to withdraw")
        String value;

        @Option(names = "--submission-id", description = "withdraw what this earlier submission submitted")
        String submissionId;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Option(names = "--type")
    String type;

    @Option(names = "--reason")
    String reason;

    @Option(names = "--idempotency-key")
    String idempotencyKey;

    @Override
    public Integer call() {
        Map<String, Object> body = new LinkedHashMap<>();
        SubmitCommand.put(body, "value", target.value);
        SubmitCommand.put(body, "submissionId", target.submissionId);
        SubmitCommand.put(body, "type", type);
        SubmitCommand.put(body, "reason", reason);
        try {
            GatewayClient.Answer answer = gateway.client(parent.environment()).postJson("/api/v1/revocations", body, idempotencyKey);
            if (gateway.json) {
                Output.json(spec.commandLine().getOut(), answer);
                return ExitCodes.forStatus(answer.status());
            }
            return Output.batch(spec.commandLine().getOut(), spec.commandLine().getErr(), answer, "revocation");
        } catch (GatewayClient.Unreachable e) {
            return Output.unreachable(spec.commandLine().getErr(), e);
        }
    }
}
