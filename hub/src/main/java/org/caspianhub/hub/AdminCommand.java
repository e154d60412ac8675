package org.caspianhub.hub;

import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.caspianhub.runtime.PlatformSettings;
import org.caspianhub.runtime.Settings;
import org.caspianhub.topics.PartyAcls;
import org.caspianhub.topics.SchemaProvisioner;
import org.caspianhub.topics.TopicProvisioner;
import org.caspianhub.topics.TopicSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code caspian-hub admin init}: prepares a Kafka cluster and registry for the hub. Safe to re-run. */
@Command(name = "admin", mixinStandardHelpOptions = true, description = "Operator tasks.",
        subcommands = AdminCommand.Init.class)
final class AdminCommand {

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
