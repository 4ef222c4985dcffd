/*
 * Copyright 2026-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.ngi.spring.boot.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the configuration metadata that the build generates from {@link NgiProperties}'
 * field Javadoc and {@code additional-spring-configuration-metadata.json}: what an IDE
 * shows for {@code ngi.*}. Each test lists every offender at once. The metadata is
 * regenerated only when {@code NgiProperties} compiles again ({@code ./mvnw clean} after
 * editing the JSON alone).
 */
class NgiConfigurationMetadataTests {

	private static final String METADATA = "META-INF/spring-configuration-metadata.json";

	private static final ConversionService conversion = ApplicationConversionService.getSharedInstance();

	private static List<Map<String, Object>> properties;

	private static Map<String, Map<String, Object>> hints;

	@BeforeAll
	static void readMetadata() throws IOException {
		try (InputStream in = new ClassPathResource(METADATA).getInputStream()) {
			Object document = JsonPath.parse(in).json();
			properties = JsonPath.read(document, "$.properties[?(@.name =~ /ngi\\..*/)]");
			List<Map<String, Object>> allHints = JsonPath.read(document, "$.hints");
			hints = new LinkedHashMap<>();
			allHints.forEach((hint) -> hints.put((String) hint.get("name"), hint));
		}
	}

	@Test
	void metadataListsTheTopLevelProperties() {
		assertThat(properties).extracting((property) -> property.get("name"))
			.contains("ngi.enabled", "ngi.loops", "ngi.servers", "ngi.clients", "ngi.defaults.proxy-protocol");
	}

	@Test
	void everyPropertyHasADescription() {
		List<String> offenders = new ArrayList<>();
		for (Map<String, Object> property : properties) {
			Object description = property.get("description");
			if (!(description instanceof String text) || text.isBlank()) {
				offenders.add(property.get("name") + " (" + property.get("sourceType") + ")");
			}
		}
		assertThat(offenders)
			.as("ngi.* properties without a description (field Javadoc or %s)",
					"additional-spring-configuration-metadata.json")
			.isEmpty();
	}

	@Test
	void everyEnumPropertyHasADescribedHintForEachConstantAndNoOther() {
		List<String> offenders = new ArrayList<>();
		for (Map<String, Object> property : properties) {
			String name = (String) property.get("name");
			Class<?> type = rawType(property);
			if (type == null || !type.isEnum()) {
				continue;
			}
			Set<String> constants = Arrays.stream(type.getEnumConstants())
				.map((constant) -> canonical(((Enum<?>) constant).name()))
				.collect(Collectors.toCollection(TreeSet::new));
			Map<String, Object> hint = hints.get(name);
			if (hint == null) {
				offenders.add(name + ": no hint (values " + constants + ")");
				continue;
			}
			List<Map<String, Object>> values = JsonPath.read(hint, "$.values");
			Set<String> hinted = new TreeSet<>();
			for (Map<String, Object> value : values) {
				String canonical = canonical(String.valueOf(value.get("value")));
				hinted.add(canonical);
				if (!constants.contains(canonical)) {
					offenders.add(name + ": hint value '" + value.get("value") + "' is not a constant of " + type);
				}
				if (!(value.get("description") instanceof String text) || text.isBlank()) {
					offenders.add(name + ": hint value '" + value.get("value") + "' has no description");
				}
			}
			Set<String> missing = new TreeSet<>(constants);
			missing.removeAll(hinted);
			if (!missing.isEmpty()) {
				offenders.add(name + ": no hint value for " + missing);
			}
		}
		assertThat(offenders).as("enum-typed ngi.* properties without complete hints").isEmpty();
	}

	@Test
	void everyPropertyWithADefaultStatesItAndItIsTheBoundDefault() {
		List<String> offenders = new ArrayList<>();
		for (Map<String, Object> property : properties) {
			String name = (String) property.get("name");
			Object actual;
			try {
				actual = defaultOf(property);
			}
			catch (ReflectiveOperationException | RuntimeException ex) {
				offenders.add(name + ": cannot read the default from " + property.get("sourceType") + ": " + ex);
				continue;
			}
			Object stated = property.get("defaultValue");
			if (actual == null) {
				continue;
			}
			if (stated == null) {
				offenders.add(name + ": no defaultValue, the default is " + actual);
			}
			else if (!actual.equals(convert(stated, actual))) {
				offenders.add(name + ": defaultValue " + stated + " is not the default " + actual);
			}
		}
		assertThat(offenders).as("ngi.* properties whose default is missing or wrong in the metadata").isEmpty();
	}

	private static Class<?> rawType(Map<String, Object> property) {
		String type = (String) property.get("type");
		if (type == null) {
			return null;
		}
		int generic = type.indexOf('<');
		try {
			return Class.forName((generic < 0) ? type : type.substring(0, generic));
		}
		catch (ClassNotFoundException ex) {
			return null;
		}
	}

	/**
	 * Returns the value a fresh instance of the property's source type holds, read
	 * through the getter named by the last segment of the property name.
	 */
	private static Object defaultOf(Map<String, Object> property) throws ReflectiveOperationException {
		Class<?> source = Class.forName((String) property.get("sourceType"));
		Constructor<?> constructor = source.getDeclaredConstructor();
		constructor.setAccessible(true);
		Object instance = constructor.newInstance();
		String name = (String) property.get("name");
		String segment = name.substring(name.lastIndexOf('.') + 1);
		StringBuilder camel = new StringBuilder();
		for (String word : segment.split("-")) {
			camel.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
		}
		Method getter;
		try {
			getter = source.getMethod("get" + camel);
		}
		catch (NoSuchMethodException ex) {
			getter = source.getMethod("is" + camel);
		}
		return getter.invoke(instance);
	}

	/**
	 * Returns the metadata's default as the property's type, or {@code null} if it cannot
	 * be converted (then it differs from any actual default).
	 */
	private static Object convert(Object stated, Object actual) {
		if (stated instanceof Map<?, ?> map) {
			return map.isEmpty() ? Map.of() : null;
		}
		if (stated instanceof List<?> list) {
			return list.stream().map(String::valueOf).toList();
		}
		try {
			return conversion.convert(String.valueOf(stated), actual.getClass());
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static String canonical(String value) {
		return value.toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
