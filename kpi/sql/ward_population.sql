
    x.received_at < p.p_end AND x.received_at <= p.as_of
    AND (x.received_at >= p.p_start OR x.ended_at IS NULL OR x.ended_at >= p.p_start)
