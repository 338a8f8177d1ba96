package dev.runbook.engine.event;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;

/**
 * The JSON form of events: one object per line, {@code type} first, snake_case fields, instants
 * as ISO-8601 strings. Values in registered data that JSON has no type for (durations) are written
 * as their text.
 */
public final class EventJson {

    private final ObjectMapper mapper;

    public EventJson() {
        SimpleModule time = new SimpleModule("runbook-time");
        time.addSerializer(Instant.class, new JsonSerializer<>() {
            @Override
            public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeString(value.toString());
            }
        });
        time.addDeserializer(Instant.class, new JsonDeserializer<>() {
            @Override
            public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                return Instant.parse(p.getValueAsString());
            }
        });
        time.addSerializer(Duration.class, new JsonSerializer<>() {
            @Override
            public void serialize(Duration value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeString(value.toString());
            }
        });
        mapper = new ObjectMapper()
                .registerModule(time)
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** One line of JSON, without the newline. */
    public String write(Event event) {
        try {
            return mapper.writerFor(Event.class).writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write event " + event.getClass().getSimpleName(), e);
        }
    }

    public Event read(String line) {
        try {
            return mapper.readValue(line, Event.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a runbook event: " + e.getOriginalMessage(), e);
        }
    }

    JsonNode tree(Event event) {
        return mapper.valueToTree(event);
    }

    Event fromTree(JsonNode node) {
        try {
            return mapper.treeToValue(node, Event.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event does not survive redaction: " + e.getOriginalMessage(), e);
        }
    }

    public ObjectMapper mapper() {
        return mapper;
    }
}
