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
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/opt/caspian/caspian-hub.jar"]
CMD ["--help"]
