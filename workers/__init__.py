"""Background work on RQ: processing inbound messages, sending outbound ones, deadlines."""
