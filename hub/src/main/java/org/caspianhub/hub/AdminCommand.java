package org.caspianhub.hub;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.caspianhub.consumers.dispatch.DeadLetterReplay;
import org.caspianhub.consumers.dispatch.DispatcherSettings;
import org.caspianhub.runtime.PlatformSettings;
import org.caspianhub.runtime.Settings;
import org.caspianhub.topics.PartyAcls;
import org.caspianhub.topics.SchemaProvisioner;
import org.caspianhub.topics.TopicProvisioner;
import org.caspianhub.topics.TopicSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code caspian-hub admin}: {@code init} prepares a Kafka cluster and registry for the hub (safe
 * to re-run); {@code tail} prints any topic as JSON; {@code replay-dlq} delivers a subscription's
 * dead letters again.
 */
@Command(name = "admin", mixinStandardHelpOptions = true, description = "Operator tasks.",
        subcommands = {AdminCommand.Init.class, AdminCommand.Tail.class, AdminCommand.ReplayDlq.class})
final class AdminCommand {

    /**
     * A command that reads the hub's settings (the environment, or given by a test), prints to
     * {@code out}, and answers a wrong argument (no such topic or subscription) with its message and
     * exit status 1.
     */
    abstract static class WithSettings implements Callable<Integer> {
        private final Settings given;
        final PrintStream out;

        /** @param given null: from the environment */
        WithSettings(Settings given, PrintStream out) {
            this.given = given;
            this.out = out;
        }

        /** The command's work, with the settings; its exit status. */
        abstract int run(Settings settings);

        @Override
        public Integer call() {
            try {
                return run(given != null ? given : Settings.fromEnvironment());
            } catch (IllegalArgumentException e) {
                System.err.println(e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "tail", mixinStandardHelpOptions = true,
            description = {"Prints each record of TOPIC (any hub topic) as one line of JSON: topic, partition, offset,",
                "timestamp, key and value, Avro values decoded through the schema registry. Without --max it",
                "follows the topic until Ctrl-C. Joins no consumer group and commits nothing."})
    static final class Tail extends WithSettings {

        @Parameters(index = "0", paramLabel = "TOPIC", description = "e.g. cti.ir.alerts, cti.hub.indicators, cti.az.alerts.dlq")
        String topic;

        @Option(names = "--from-beginning", description = "start at the oldest retained record (default: only records from now on)")
        boolean fromBeginning;

        @Option(names = "--key", paramLabel = "KEY", description = "only records with this key (an alert id, an indicator key, ...)")
        String key;

        @Option(names = "--max", paramLabel = "N", description = "stop after printing N records")
        long max;

        @Option(names = "--read-committed", description = "skip records of aborted and still-open transactions, as the hub's consumers do")
        boolean readCommitted;

        Tail() {
            this(null, System.out);
        }

        /** With given settings and output (tests); null settings: from the environment. */
        Tail(Settings settings, PrintStream out) {
            super(settings, out);
        }

        @Override
        int run(Settings settings) {
            new TopicTail(PlatformSettings.from(settings)).run(new TopicTail.Options(topic, fromBeginning, key, max, readCommitted), out);
            return 0;
        }
    }

    @Command(name = "replay-dlq", mixinStandardHelpOptions = true,
            description = {"Delivers the dead letters of one subscription again, straight to its destination (other",
                "subscriptions get nothing), with the alert id as Idempotency-Key as the first time: replaying twice",
                "is harmless. Selects by the time they were dead-lettered (--from, --to) and/or by alert id. An alert",
                "that fails again stays on the dead-letter topic and is listed. Reads CASPIAN_SUBSCRIPTIONS_FILE."})
    static final class ReplayDlq extends WithSettings {

        @Option(names = "--subscription", required = true, paramLabel = "ID", description = "the subscription's id")
        String subscription;

        @Option(names = "--from", paramLabel = "INSTANT", description = "dead-lettered at or after, e.g. 2026-03-01T00:00:00Z")
        Instant from;

        @Option(names = "--to", paramLabel = "INSTANT", description = "dead-lettered before")
        Instant to;

        @Option(names = "--alert-id", paramLabel = "ID", split = ",", description = "only these alerts (repeatable, or comma-separated)")
        List<String> alertIds = new ArrayList<>();

        @Option(names = "--max-age", paramLabel = "DURATION", defaultValue = "1m",
                description = "how long each alert is retried before it is left on the dead-letter topic (default: ${DEFAULT-VALUE})")
        String maxAge;

        @Option(names = "--deadline", paramLabel = "DURATION", defaultValue = "15m",
                description = {"the longest the whole replay may take (default: ${DEFAULT-VALUE}); alerts not tried by then",
                    "are listed as failed and stay on the dead-letter topic"})
        String deadline;

        ReplayDlq() {
            this(null, System.out);
        }

        /** With given settings and output (tests); null settings: from the environment. */
        ReplayDlq(Settings settings, PrintStream out) {
            super(settings, out);
        }

        @Override
        int run(Settings settings) {
            DeadLetterReplay.Report report = new DeadLetterReplay(DispatcherSettings.from(settings), Clock.systemUTC()).replay(
                    subscription, new DeadLetterReplay.Selection(Optional.ofNullable(from), Optional.ofNullable(to),
                            Set.copyOf(alertIds)), Settings.parseDuration(maxAge), Settings.parseDuration(deadline), out);
            return report.failed().isEmpty() ? 0 : 3;
        }
    }

    @Command(name = "init", mixinStandardHelpOptions = true,
            description = {"Creates every topic of the configured parties, registers every value schema",
                "(FULL_TRANSITIVE) and, with --acls, the parties' Kafka ACLs. Re-running changes nothing."})
    static final class Init implements Callable<Integer> {

        @Option(names = "--acls", description = "also create the ACLs of each party's principal User:<party>")
        boolean acls;

        @Override
        public Integer call() {
            PlatformSettings platform = PlatformSettings.from(Settings.fromEnvironment());
            List<TopicSpec> specs = platform.topicLayout().topicsFor(platform.parties());
            try (Admin admin = Admin.create(platform.kafkaClientProperties())) {
                TopicProvisioner.Report topics = new TopicProvisioner(admin).provision(specs);
                System.out.printf("topics: %d created, %d already present%n", topics.created().size(),
                        topics.existing().size());
                if (acls) {
                    System.out.printf("ACLs: %d bindings in place for %s%n", PartyAcls.apply(admin, platform.parties()),
                            platform.parties().all());
                }
            }
            List<SchemaProvisioner.Registered> schemas = new SchemaProvisioner(platform.schemaRegistry()).provision(specs);
            System.out.printf("schemas: %d subjects registered at %s%n", schemas.size(), platform.schemaRegistryUrl());
            return 0;
        }
    }
}
