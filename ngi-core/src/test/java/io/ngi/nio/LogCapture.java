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

package io.ngi.nio;

import java.util.List;
import java.util.stream.Collectors;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/**
 * Captures the log events of the {@code io.ngi.nio} loggers during a test.
 */
final class LogCapture implements AutoCloseable {

	private final Logger logger = (Logger) LoggerFactory.getLogger("io.ngi.nio");

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private final Level level;

	/** Captures everything from INFO up (the tests' configuration logs WARN and up). */
	LogCapture() {
		this.level = this.logger.getLevel();
		this.logger.setLevel(Level.INFO);
		this.appender.start();
		this.logger.addAppender(this.appender);
	}

	List<ILoggingEvent> events(Level level) {
		synchronized (this.appender) {
			return this.appender.list.stream().filter((event) -> event.getLevel() == level).toList();
		}
	}

	List<String> messages(Level level) {
		return events(level).stream().map(ILoggingEvent::getFormattedMessage).collect(Collectors.toList());
	}

	@Override
	public void close() {
		this.logger.detachAppender(this.appender);
		this.logger.setLevel(this.level);
		this.appender.stop();
	}

}
