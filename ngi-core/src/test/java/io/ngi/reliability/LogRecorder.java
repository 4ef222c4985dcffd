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

package io.ngi.reliability;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * Records the log events of the {@code io.ngi} loggers during a test, and keeps them off
 * the console (an abuse test provokes thousands of expected lines).
 */
final class LogRecorder implements AutoCloseable {

	private final Logger logger = (Logger) LoggerFactory.getLogger("io.ngi");

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private final @Nullable Level level;

	LogRecorder() {
		this(null);
	}

	/**
	 * Records at {@code level} (restored on close), or at the configured level if null.
	 * @param level the level to record at
	 */
	LogRecorder(@Nullable Level level) {
		this.level = this.logger.getLevel();
		if (level != null) {
			this.logger.setLevel(level);
		}
		this.appender.start();
		this.logger.addAppender(this.appender);
		this.logger.setAdditive(false);
	}

	List<ILoggingEvent> events(Level level) {
		synchronized (this.appender) {
			return this.appender.list.stream().filter((event) -> event.getLevel() == level).toList();
		}
	}

	long count(Level level, String fragment) {
		return events(level).stream().filter((event) -> event.getFormattedMessage().contains(fragment)).count();
	}

	@Override
	public void close() {
		this.logger.setLevel(this.level);
		this.logger.setAdditive(true);
		this.logger.detachAppender(this.appender);
		this.appender.stop();
	}

}
