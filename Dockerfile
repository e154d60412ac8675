# One image for every hub service; docker-compose.yml picks the service with the command
# (streams, gateway, feeds, dispatcher, taxii, admin init).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests package -pl hub -am

FROM eclipse-temurin:17-jre
RUN useradd --system --home /var/lib/caspian caspian && mkdir -p /var/lib/caspian && chown caspian /var/lib/caspian
COPY --from=build /src/hub/target/caspian-hub.jar /opt/caspian/caspian-hub.jar
COPY --from=build /src/hub/target/lib /opt/caspian/lib
USER caspian
WORKDIR /var/lib/caspian
# glibc's per-thread malloc arenas keep what RocksDB frees: with two, the local hub held 519 MB resident outside
# the JVM's own accounting instead of 644 MB at 1,000,000 indicators (docs/benchmarks.md, footprint)
ENV MALLOC_ARENA_MAX=2
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/opt/caspian/caspian-hub.jar"]
CMD ["--help"]
