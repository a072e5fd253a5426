-- Edge rows with an id a seed holds at a larger --scale (author verify's
-- edge-id rule): no seed of author_tiny reaches it at its default scale.
INSERT INTO t (id, k, k2, payload) VALUES (1500000000, 1, 1, 'edge');
