#!/usr/bin/env bash
# The benchmark harness: builds the project, then runs one module's benchmark against a real
# embedded KRaft broker, printing figures next to a raw Kafka baseline from the same run.
#
#   ./bench.sh streams     # topology throughput and submission-to-alert latency
#   ./bench.sh producers   # gateway throughput in batches of 500, bounded-memory import
#   ./bench.sh consumers   # webhook delivery rate and alert-to-delivery latency
#   ./bench.sh state       # bytes of merge state per indicator (the streams module's fold, 1,000,000 indicators)
#   ./bench.sh knowledge   # look-ups, searches and exports over 1,000,000 indicators (the gateway's read model)
#   ./bench.sh footprint   # disk, catch-up and memory per indicator of the whole local hub (1,000,000 indicators)
#   ./bench.sh chaos       # kill -9, a broker stopped, a receiver down: what is lost or doubled (docs/reliability.md)
#
# Extra arguments go to the benchmark (each prints its options with --help).
set -euo pipefail
cd "$(dirname "$0")"
extra=()
module=${1:?usage: ./bench.sh streams|producers|consumers|state|knowledge|footprint|chaos [options]}
shift
case "$module" in
  streams)   main=org.caspianhub.streams.bench.StreamsBenchmark ;;
  producers) main=org.caspianhub.producers.bench.GatewayBenchmark ;;
  consumers) main=org.caspianhub.consumers.bench.DeliveryBenchmark ;;
  state)     main=org.caspianhub.streams.bench.StateSizeBenchmark; module=streams ;;
  knowledge) main=org.caspianhub.producers.bench.KnowledgeBenchmark; module=producers ;;
  chaos)     main=org.caspianhub.hub.chaos.ChaosCommand; module=hub ;;
  # the local hub as an operator runs it (-Xmx1g), with the JVM's native memory accounting for the memory breakdown
  footprint) main=org.caspianhub.hub.bench.FootprintBenchmark; module=hub; extra=(-XX:NativeMemoryTracking=summary)
             export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2} ;; # as caspian-hub and the image run it
  *) echo "unknown module '$module': streams, producers, consumers, state, knowledge, footprint or chaos" >&2; exit 2 ;;
esac
heap=(-Xms2g -Xmx6g)
if [ "$module" = hub ]; then
  heap=(-Xmx1g) # chaos only counts (the services it harms run in child JVMs); footprint runs the local hub as an operator does
fi
mvn -q -B -DskipTests install -pl "$module" -am
mvn -q -B -pl "$module" dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
exec java "${heap[@]}" "${extra[@]}" -XX:+UseParallelGC \
  -cp "$module/target/test-classes:$module/target/classes:$(cat "$module/target/bench.classpath")" \
  "$main" "$@"
