#!/usr/bin/env bash
# The benchmark harness: builds the project, then runs one module's benchmark against a real
# embedded KRaft broker, printing figures next to a raw Kafka baseline from the same run.
#
#   ./bench.sh streams     # topology throughput and submission-to-alert latency
#   ./bench.sh producers   # gateway throughput in batches of 500, bounded-memory import
#   ./bench.sh consumers   # webhook delivery rate and alert-to-delivery latency
#   ./bench.sh state       # bytes of merge state per indicator (the streams module's fold, 1,000,000 indicators)
#   ./bench.sh knowledge   # look-ups, searches and exports over 1,000,000 indicators (the gateway's read model)
#
# Extra arguments go to the benchmark (each prints its options with --help).
set -euo pipefail
cd "$(dirname "$0")"
module=${1:?usage: ./bench.sh streams|producers|consumers|state|knowledge [options]}
shift
case "$module" in
  streams)   main=org.caspianhub.streams.bench.StreamsBenchmark ;;
  producers) main=org.caspianhub.producers.bench.GatewayBenchmark ;;
  consumers) main=org.caspianhub.consumers.bench.DeliveryBenchmark ;;
  state)     main=org.caspianhub.streams.bench.StateSizeBenchmark; module=streams ;;
  knowledge) main=org.caspianhub.producers.bench.KnowledgeBenchmark; module=producers ;;
  *) echo "unknown module '$module': streams, producers, consumers, state or knowledge" >&2; exit 2 ;;
esac
mvn -q -B -DskipTests install -pl "$module" -am
mvn -q -B -pl "$module" dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
exec java -Xms2g -Xmx6g -XX:+UseParallelGC \
  -cp "$module/target/test-classes:$module/target/classes:$(cat "$module/target/bench.classpath")" \
  "$main" "$@"
