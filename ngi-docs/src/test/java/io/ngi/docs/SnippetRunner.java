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

package io.ngi.docs;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs the compiled snippets' tests through the JUnit Platform, as a build runs any test
 * class: a statement block's generated test method, a block's {@code @Test} methods, a
 * whole {@code @NgiTest} class with its Spring context.
 */
final class SnippetRunner implements AutoCloseable {

	private final URLClassLoader classLoader;

	private final Launcher launcher = LauncherFactory.create();

	/**
	 * Creates a runner for the classes in {@code classes}.
	 * @param classes the compiled snippets
	 * @param extraClassPath more class path entries the snippets were compiled against
	 */
	SnippetRunner(Path classes, List<Path> extraClassPath) {
		List<URL> urls = new ArrayList<>();
		try {
			urls.add(classes.toUri().toURL());
			for (Path entry : extraClassPath) {
				urls.add(entry.toUri().toURL());
			}
		}
		catch (MalformedURLException ex) {
			throw new IllegalStateException(ex);
		}
		this.classLoader = new URLClassLoader(urls.toArray(URL[]::new), getClass().getClassLoader());
	}

	/**
	 * Runs the tests of a unit and throws the first failure.
	 * @param unit the unit
	 * @throws Throwable the first test failure, or an {@link AssertionError} if the unit
	 * holds no test JUnit can run
	 */
	void run(SnippetSource unit) throws Throwable {
		Thread thread = Thread.currentThread();
		ClassLoader previous = thread.getContextClassLoader();
		thread.setContextClassLoader(this.classLoader);
		try {
			LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request();
			for (String name : unit.classNames()) {
				request.selectors(DiscoverySelectors.selectClass(Class.forName(name, false, this.classLoader)));
			}
			Failures failures = new Failures();
			LauncherDiscoveryRequest discovery = request.build();
			this.launcher.execute(discovery, failures);
			if (!failures.thrown.isEmpty()) {
				Throwable first = failures.thrown.get(0);
				failures.thrown.subList(1, failures.thrown.size()).forEach(first::addSuppressed);
				throw first;
			}
			if (failures.tests.get() == 0) {
				throw new AssertionError(unit.snippet().location() + ": no test ran in " + unit.classNames()
						+ " (a test class must not be private, nor nested in another class)");
			}
		}
		finally {
			thread.setContextClassLoader(previous);
		}
	}

	@Override
	public void close() throws Exception {
		this.classLoader.close();
	}

	private static final class Failures implements TestExecutionListener {

		private final List<Throwable> thrown = new ArrayList<>();

		private final AtomicLong tests = new AtomicLong();

		@Override
		public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
			if (identifier.isTest()) {
				this.tests.incrementAndGet();
			}
			if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
				this.thrown.add(result.getThrowable()
					.orElseGet(() -> new AssertionError(identifier.getDisplayName() + ": " + result.getStatus())));
			}
		}

	}

}
