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

import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;

/**
 * The strict hand-off between a caller and an imperative body's thread: exactly one of
 * the two runs at a time. The side that gives the turn writes its message, sets the turn
 * flag (a volatile write that publishes the message) and unparks the other; the side that
 * waits parks until the flag is its own. The caller may change from call to call; the
 * body thread is fixed. Callers must take turns among themselves (the handler's caller
 * lock).
 */
final class Turn {

	/** How many times the caller polls the turn flag before parking. */
	private final int callerSpins;

	/** How many times the body polls before parking. */
	private final int bodySpins;

	private final Thread body;

	/** Whose turn it is: the body's when {@code true}. */
	private volatile boolean bodyTurn = true;

	/** The thread waiting for the body, to unpark when the turn comes back. */
	private volatile @Nullable Thread caller;

	/** Caller to body; read after the turn flag. */
	private @Nullable Object toBody;

	/** Body to caller; read after the turn flag. */
	private @Nullable Object toCaller;

	Turn(Thread body) {
		this.body = body;
		ImperativeSettings settings = ImperativeSettings.current();
		this.callerSpins = settings.callerSpins();
		this.bodySpins = settings.bodySpins();
	}

	/** Caller side: the current thread is the one that waits for the body's turn. */
	void callerIsCurrentThread() {
		this.caller = Thread.currentThread();
	}

	/**
	 * Caller side: gives the body {@code message} and waits for its reply.
	 * @return the reply, {@code null} if the body gave none
	 */
	@Nullable Object handOff(Object message) {
		give(message);
		return awaitBody();
	}

	/** Caller side: gives the body {@code message} without waiting for its reply. */
	void give(Object message) {
		this.caller = Thread.currentThread();
		this.toBody = message;
		this.bodyTurn = true;
		LockSupport.unpark(this.body);
	}

	/**
	 * Caller side: waits until the body gives the turn back.
	 * @return the body's reply, {@code null} if it gave none
	 */
	@Nullable Object awaitBody() {
		boolean interrupted = false;
		for (int i = 0; i < this.callerSpins && this.bodyTurn; i++) {
			Thread.onSpinWait();
		}
		while (this.bodyTurn) {
			LockSupport.park(this);
			// The body must finish its turn whatever happens here: keep waiting, restore
			// the flag after.
			interrupted |= Thread.interrupted();
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
		Object reply = this.toCaller;
		this.toCaller = null;
		return reply;
	}

	/**
	 * Body side: gives the turn back with {@code reply} and waits for the next message.
	 * @return the message, {@code null} if the caller gave none
	 */
	@Nullable Object giveBack(Object reply) {
		end(reply);
		boolean interrupted = false;
		for (int i = 0; i < this.bodySpins && !this.bodyTurn; i++) {
			Thread.onSpinWait();
		}
		while (!this.bodyTurn) {
			LockSupport.park(this);
			interrupted |= Thread.interrupted();
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
		Object message = this.toBody;
		this.toBody = null;
		return message;
	}

	/** Body side: gives the turn back for the last time, with {@code reply}. */
	void end(Object reply) {
		this.toCaller = reply;
		Thread waiting = this.caller;
		this.bodyTurn = false;
		LockSupport.unpark(waiting);
	}

}
