"""Predictive models over the workspace: customer lifetime value and churn (`segmint.models.clv`)."""
