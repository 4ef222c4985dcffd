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
