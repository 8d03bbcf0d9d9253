"""Sender profiles (Absender) of the register: kept here, chosen when a letter is downloaded."""
