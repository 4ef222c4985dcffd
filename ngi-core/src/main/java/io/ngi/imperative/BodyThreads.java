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

package io.ngi.imperative;

import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the threads that run imperative bodies: virtual threads when
 * {@link ImperativeSettings#virtualThreads()} and the JDK has them (21 and later, found
 * by reflection since the code is compiled for release 17), daemon platform threads
 * otherwise.
 */
final class BodyThreads {

	private static final Logger logger = LoggerFactory.getLogger(BodyThreads.class);

	private static final String NAME_PREFIX = "ngi-imperative-";

	private static final ThreadFactory platform = new PlatformThreads();

	private static final @Nullable ThreadFactory virtual = createVirtualFactory();

	private BodyThreads() {
	}

	static Thread newThread(Runnable task) {
		return factory().newThread(task);
	}

	static boolean virtual() {
		return factory() != platform;
	}

	private static ThreadFactory factory() {
		ThreadFactory virtual = BodyThreads.virtual;
		return (virtual != null && ImperativeSettings.current().virtualThreads()) ? virtual : platform;
	}

	private static @Nullable ThreadFactory createVirtualFactory() {
		try {
			Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
			Class<?> builderType = Class.forName("java.lang.Thread$Builder");
			builder = builderType.getMethod("name", String.class, long.class).invoke(builder, NAME_PREFIX, 0L);
			return (ThreadFactory) builderType.getMethod("factory").invoke(builder);
		}
		catch (NoSuchMethodException | ClassNotFoundException ex) {
			return null;
		}
		catch (InvocationTargetException | IllegalAccessException | RuntimeException ex) {
			logger.debug("Virtual threads unavailable, imperative bodies run on platform threads", ex);
			return null;
		}
	}

	private static final class PlatformThreads implements ThreadFactory {

		private final AtomicLong count = new AtomicLong();

		@Override
		public Thread newThread(Runnable task) {
			Thread thread = new Thread(task, NAME_PREFIX + this.count.getAndIncrement());
			thread.setDaemon(true);
			return thread;
		}

	}

}
