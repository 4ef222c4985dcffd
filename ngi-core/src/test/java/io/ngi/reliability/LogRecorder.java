package io.ngi.reliability;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/**
 * Records the log events of the {@code io.ngi} loggers during a test, and keeps them off
 * the console (an abuse test provokes thousands of expected lines).
 */
final class LogRecorder implements AutoCloseable {

	private final Logger logger = (Logger) LoggerFactory.getLogger("io.ngi");

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	LogRecorder() {
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
		this.logger.setAdditive(true);
		this.logger.detachAppender(this.appender);
		this.appender.stop();
	}

}
