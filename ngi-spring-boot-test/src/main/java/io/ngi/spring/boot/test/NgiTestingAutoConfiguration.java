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

package io.ngi.spring.boot.test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

import io.ngi.spring.boot.autoconfigure.NgiAutoConfiguration;
import io.ngi.spring.boot.autoconfigure.NgiClientRegistry;
import io.ngi.spring.boot.autoconfigure.NgiListenerRegistry;
import io.ngi.testing.Fragmentation;
import io.ngi.testing.TestingImplementation;

/**
 * Test auto-configuration imported by {@link AutoConfigureNgi}: a primary
 * {@link TestingImplementation}, so the listener registry opens every listener on it (and
 * the NIO implementation, which backs off when an implementation bean exists, is not
 * made), and the {@link NgiTestClient}. One of each per application context.
 */
@AutoConfiguration(before = NgiAutoConfiguration.class)
public final class NgiTestingAutoConfiguration {

	/**
	 * Creates the auto-configuration; Spring calls it.
	 */
	public NgiTestingAutoConfiguration() {
	}

	private static final Pattern RANDOM = Pattern.compile("random\\((-?\\d+)\\)", Pattern.CASE_INSENSITIVE);

	@Bean
	@Primary
	TestingImplementation ngiTestingImplementation(Environment environment) {
		String fragmentation = environment.getProperty("ngi.test.fragmentation", "NONE");
		return TestingImplementation.builder().fragmentation(fragmentation(fragmentation)).build();
	}

	/**
	 * Reads {@code NONE}, {@code BYTES} or {@code RANDOM(<seed>)}, in any case.
	 * @throws IllegalArgumentException naming the value and what is accepted
	 */
	static Fragmentation fragmentation(String text) {
		String value = text.strip();
		if (value.equalsIgnoreCase("none")) {
			return Fragmentation.NONE;
		}
		if (value.equalsIgnoreCase("bytes")) {
			return Fragmentation.BYTES;
		}
		Matcher random = RANDOM.matcher(value);
		if (random.matches()) {
			return Fragmentation.random(Long.parseLong(random.group(1)));
		}
		throw new IllegalArgumentException(
				"ngi.test.fragmentation must be NONE, BYTES or RANDOM(<seed>), such as RANDOM(42): '" + text + "'");
	}

	@Bean
	NgiTestClient ngiTestClient(TestingImplementation ngiTestingImplementation,
			ObjectProvider<NgiListenerRegistry> registry, ObjectProvider<NgiClientRegistry> clients) {
		NgiTestClient client = new NgiTestClient(ngiTestingImplementation, registry);
		client.setClients(clients);
		return client;
	}

}
