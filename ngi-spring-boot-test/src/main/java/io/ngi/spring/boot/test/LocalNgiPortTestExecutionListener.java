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

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

import org.springframework.core.env.Environment;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;
import org.springframework.util.ReflectionUtils;

import io.ngi.spring.boot.autoconfigure.NgiListenerRegistry;
import io.ngi.spring.boot.autoconfigure.NgiRegisteredListener;

/**
 * Sets the fields annotated {@link LocalNgiPort} of each test instance from
 * {@code local.ngi.<name>.port}. Registered in {@code META-INF/spring.factories}; does
 * nothing for a test class without such a field, so it never loads a context itself.
 */
final class LocalNgiPortTestExecutionListener extends AbstractTestExecutionListener {

	@Override
	public int getOrder() {
		// Right after Spring's dependency injection (2000), before the test runs.
		return 2100;
	}

	@Override
	public void prepareTestInstance(TestContext testContext) {
		Object instance = testContext.getTestInstance();
		ReflectionUtils.doWithFields(testContext.getTestClass(), (field) -> inject(testContext, instance, field),
				(field) -> field.isAnnotationPresent(LocalNgiPort.class) && !Modifier.isStatic(field.getModifiers()));
	}

	private static void inject(TestContext testContext, Object instance, Field field) {
		String name = field.getAnnotation(LocalNgiPort.class).value();
		Environment environment = testContext.getApplicationContext().getEnvironment();
		String port = environment.getProperty("local.ngi." + name + ".port");
		if (port == null) {
			throw new IllegalStateException("@LocalNgiPort(\"" + name + "\") on " + field + ": no NGI listener named '"
					+ name + "' has bound a port in the test context (listeners: " + listenerNames(testContext)
					+ "). Check the name, and that the listener is an enabled TCP or UDP listener.");
		}
		ReflectionUtils.makeAccessible(field);
		ReflectionUtils.setField(field, instance, convert(field, port));
	}

	private static Object convert(Field field, String port) {
		Class<?> type = field.getType();
		if (type == int.class || type == Integer.class) {
			return Integer.valueOf(port);
		}
		if (type == long.class || type == Long.class) {
			return Long.valueOf(port);
		}
		if (type == String.class) {
			return port;
		}
		throw new IllegalStateException(
				"@LocalNgiPort on " + field + ": the field must be an int, Integer, long, Long or String");
	}

	private static String listenerNames(TestContext testContext) {
		NgiListenerRegistry registry = testContext.getApplicationContext()
			.getBeanProvider(NgiListenerRegistry.class)
			.getIfAvailable();
		return (registry != null) ? registry.listeners().stream().map(NgiRegisteredListener::name).toList().toString()
				: "none";
	}

}
