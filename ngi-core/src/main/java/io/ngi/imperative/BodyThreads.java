package io.ngi.imperative;

import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the threads that run imperative bodies: virtual threads when the JDK has them (21
 * and later, found by reflection since the code is compiled for release 17), daemon
 * platform threads otherwise. The system property
 * {@value #PLATFORM_PROPERTY}{@code =true} forces platform threads.
 */
final class BodyThreads {

	static final String PLATFORM_PROPERTY = "ngi.imperative.platform-threads";

	private static final Logger logger = LoggerFactory.getLogger(BodyThreads.class);

	private static final String NAME_PREFIX = "ngi-imperative-";

	private static final ThreadFactory factory = createFactory();

	private BodyThreads() {
	}

	static Thread newThread(Runnable task) {
		return factory.newThread(task);
	}

	static boolean virtual() {
		return !(factory instanceof PlatformThreads);
	}

	private static ThreadFactory createFactory() {
		if (Boolean.getBoolean(PLATFORM_PROPERTY)) {
			return new PlatformThreads();
		}
		try {
			Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
			Class<?> builderType = Class.forName("java.lang.Thread$Builder");
			builder = builderType.getMethod("name", String.class, long.class).invoke(builder, NAME_PREFIX, 0L);
			return (ThreadFactory) builderType.getMethod("factory").invoke(builder);
		}
		catch (NoSuchMethodException | ClassNotFoundException ex) {
			return new PlatformThreads();
		}
		catch (InvocationTargetException | IllegalAccessException | RuntimeException ex) {
			logger.debug("Virtual threads unavailable, imperative bodies run on platform threads", ex);
			return new PlatformThreads();
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
