"""Computes the reference HMAC-SHA256 signature pasted into HMACSignerTests.swift.

Independent of Folio: Python's hmac module over the four frames exactly as jupyter_client's
Session.sign does (header, parent_header, metadata, content, in that order).
Run: python3 signature_reference.py
"""
import hashlib
import hmac

key = b"a0436f6c-1916-498b-8eb9-e81ab9368e84"
frames = [
    b'{"date":"2024-01-02T03:04:05.678901Z","msg_id":"m-1","msg_type":"execute_request",'
    b'"session":"s-1","username":"ann","version":"5.3"}',
    b"{}",
    b'{"tag":"\xc3\xa9t\xc3\xa9"}',
    b'{"code":"print(1)","silent":false}',
]
mac = hmac.new(key, digestmod=hashlib.sha256)
for frame in frames:
    mac.update(frame)
print(mac.hexdigest())
