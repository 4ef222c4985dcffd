package io.ngi.spring.boot.autoconfigure;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

import io.ngi.NgiException;

/**
 * Thrown when the NGI listeners of an application context cannot be configured or
 * started: a bean of the wrong type, a missing or invalid address, a duplicate name, an
 * address already in use. The message describes the problem and names the bean;
 * {@link #action()} tells the user how to fix it, and Spring Boot's failure analysis
 * prints both.
 */
public class NgiStartupException extends NgiException {

	private final String action;

	/**
	 * Creates an exception.
	 * @param description what went wrong, naming the listener and bean
	 * @param action how to fix it
	 * @param cause the underlying failure, if any
	 */
	public NgiStartupException(String description, String action, @Nullable Throwable cause) {
		super(Objects.requireNonNull(description, "description"), cause);
		this.action = Objects.requireNonNull(action, "action");
	}

	/**
	 * Returns how to fix the problem.
	 * @return the advice
	 */
	public String action() {
		return this.action;
	}

}
