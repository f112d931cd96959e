# A Spring Boot service built with Maven, in the shape of the Spring guides' multi-stage example.
FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /workspace/app
RUN curl -fsSL https://get.sdkman.io | bash
COPY mvnw pom.xml ./
COPY src src
RUN mvn -B package -DskipTests

FROM eclipse-temurin:21-jre
ARG JAR_FILE=/workspace/app/target/*.jar
COPY --from=build ${JAR_FILE} /app.jar
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app.jar"]
