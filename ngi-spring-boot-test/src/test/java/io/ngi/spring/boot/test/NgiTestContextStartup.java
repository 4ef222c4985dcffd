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

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

import org.springframework.test.annotation.DirtiesContext.HierarchyMode;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextManager;

/**
 * Prints how long Spring takes to start the context of an {@code @NgiTest} slice test
 * class: the first start in a fresh JVM (class loading included), then restarts of the
 * same configuration after the cached context was closed; for comparison, the full
 * {@code @SpringBootTest} context of {@link AutoConfigureNgiTests} last. Not a test: run
 * it with the module's test class path, e.g.
 * {@code java -cp target/test-classes:target/classes:<test class path> io.ngi.spring.boot.test.NgiTestContextStartup 5}
 * (add {@code import-first} to start with the class that has no {@code @MockitoBean}).
 */
final class NgiTestContextStartup {

	private NgiTestContextStartup() {
	}

	public static void main(String[] args) {
		int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 5;
		List<Class<?>> testClasses = (args.length > 1 && args[1].equals("import-first"))
				? List.of(NgiTestImportTests.class, NgiTestTests.class, AutoConfigureNgiTests.class)
				: List.of(NgiTestTests.class, NgiTestImportTests.class, AutoConfigureNgiTests.class);
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		for (Class<?> testClass : testClasses) {
			for (int round = 1; round <= rounds; round++) {
				TestContext context = new TestContextManager(testClass).getTestContext();
				long start = System.nanoTime();
				long cpuStart = threads.getCurrentThreadCpuTime();
				context.getApplicationContext();
				long cpuMillis = (threads.getCurrentThreadCpuTime() - cpuStart) / 1_000_000;
				long millis = (System.nanoTime() - start) / 1_000_000;
				System.out.printf("%s context start, round %d: %d ms (%d ms CPU of the starting thread)%n",
						testClass.getSimpleName(), round, millis, cpuMillis);
				context.markApplicationContextDirty(HierarchyMode.EXHAUSTIVE);
			}
		}
	}

}
