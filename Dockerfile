# Build stage: compile and package the console (tests run in CI, not here).
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY db/ db/
COPY frontend/ frontend/
COPY src/ src/
RUN ./mvnw -B -q package -DskipTests && cp target/smguard-*.jar /src/smguard.jar

# Run stage: a JRE, Debian's sendmail for checking rendered configuration, and a non-root user.
FROM eclipse-temurin:17-jre
RUN apt-get update \
    && printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends sendmail-bin sendmail-cf m4 bubblewrap curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /var/lib/smguard --create-home smguard
COPY --from=build /src/smguard.jar /opt/smguard/smguard.jar
USER smguard
WORKDIR /var/lib/smguard
ENV SMGUARD_DATA_DIR=/var/lib/smguard/data
VOLUME /var/lib/smguard/data
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s CMD curl -fsS http://127.0.0.1:8080/actuator/health || exit 1
ENTRYPOINT ["java", "-jar", "/opt/smguard/smguard.jar"]
