package io.ngi.spring.boot.test.sample;

import org.springframework.stereotype.Service;

/**
 * A service no NGI component uses: an {@code @NgiTest} slice must not load it.
 */
@Service
public class AuditLog {

	public void record(String event) {
		// nothing to record in the sample
	}

}
