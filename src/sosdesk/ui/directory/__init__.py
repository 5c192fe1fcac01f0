"""The referral directory area and its picker."""
