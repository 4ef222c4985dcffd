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

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;
import org.springframework.core.Conventions;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Makes NGI test contexts deterministic and loud, for every test whose context has an
 * {@link NgiTestClient}: before each test method it takes the context's turn (so test
 * methods sharing a cached context do not interleave), after it closes the connections
 * the test left open and throws the first handler exception the testing implementation
 * recorded, itself, which fails the test with it. Registered in
 * {@code META-INF/spring.factories}; does nothing for other contexts.
 */
final class NgiTestExecutionListener extends AbstractTestExecutionListener {

	private static final String CLIENT = Conventions.getQualifiedAttributeName(NgiTestExecutionListener.class,
			"client");

	/**
	 * Returns an order above Mockito's reset listener
	 * ({@code MockitoResetTestExecutionListener.ORDER}, {@code LOWEST_PRECEDENCE - 100}):
	 * after-test callbacks run in reverse order, so leftover connections close and
	 * handler exceptions surface while {@code @MockitoBean} collaborators still hold the
	 * test's stubbing.
	 * @return the order
	 */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE - 50;
	}

	@Override
	public void beforeTestMethod(TestContext testContext) {
		NgiTestClient client = client(testContext);
		if (client != null) {
			client.beginTest(testContext.getTestClass().getName() + "." + testContext.getTestMethod().getName());
			testContext.setAttribute(CLIENT, client);
		}
	}

	@Override
	public void afterTestMethod(TestContext testContext) {
		Object client = testContext.removeAttribute(CLIENT);
		if (client instanceof NgiTestClient ngi) {
			ngi.endTest();
		}
	}

	private static @Nullable NgiTestClient client(TestContext testContext) {
		if (!testContext.hasApplicationContext()) {
			return null;
		}
		ApplicationContext context = testContext.getApplicationContext();
		return context.getBeanProvider(NgiTestClient.class).getIfUnique();
	}

}
